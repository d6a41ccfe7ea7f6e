/*
 * The three apps CloudFormation Validate judges, in one test file so that one worker runs them
 * all: the default app (default-app.suite.ts), the default app with a model
 * (default-app.with-model.suite.ts) and the pipeline app (delivery-pipeline.suite.ts).
 *
 * CloudFormation Validate's engine is a process-wide singleton, built on the first validated synth
 * and reused by the next whose resource types it covers (or rebuilt in about 0.2 s). Its first
 * build and first run in a process cost several seconds of WebAssembly warm-up: paid once here,
 * where as three files they were paid by each worker that drew one. Measured on this 2-core
 * machine, same load: the suite's CPU fell from 142 to 118 s and its time from 79 to 70 s.
 *
 * Each suite keeps its own module scope, fixtures (a top-level beforeAll, run before this file's
 * first test) and describe blocks. Run one alone with `npx vitest run validated-apps -t '<name>'`.
 */
import './default-app.suite';
import './default-app.with-model.suite';
import './delivery-pipeline.suite';
