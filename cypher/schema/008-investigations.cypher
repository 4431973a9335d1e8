// Migration 008: saved investigations (server/investigations), one node each, looked up by id.
CREATE CONSTRAINT investigation_id IF NOT EXISTS FOR (n:Investigation) REQUIRE n.id IS UNIQUE;
