// Witness cosignatures over the log's checkpoints (c2sp.org/tlog-witness): the witness server and the
// log's client that collects and stores cosignatures.
export {
  ADD_CHECKPOINT_PATH,
  type AddCheckpointRequest,
  AddCheckpointSyntaxError,
  DEFAULT_MAX_BODY_BYTES,
  formatAddCheckpointBody,
  MAX_PROOF_LINES,
  parseAddCheckpointBody,
  parseSizeBody,
  SIZE_CONTENT_TYPE,
} from './protocol.ts'
export {
  type CosignatureResult,
  type RequestCosignaturesOptions,
  requestCosignatures,
  type WitnessEndpoint,
} from './request-cosignatures.ts'
export {
  createWitness,
  createWitnessHandler,
  type WitnessHandler,
  type WitnessLogConfig,
  type WitnessOptions,
  type WitnessRefusal,
  type WitnessResponse,
} from './witness-server.ts'
export {
  type CosignedCheckpoint,
  readWitnessState,
  WITNESS_STATE_FORMAT,
  writeWitnessState,
} from './witness-state.ts'
