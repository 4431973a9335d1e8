// Worker-thread entry of a detection job: registers tsx in this thread (loader hooks do not carry
// over from the parent), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
