// Migration 009: case packets kept for the region they are addressed to (server/packets), by id.
CREATE CONSTRAINT packet_id IF NOT EXISTS FOR (n:Packet) REQUIRE n.id IS UNIQUE;
CREATE INDEX packet_to IF NOT EXISTS FOR (n:Packet) ON (n.toRegion);
