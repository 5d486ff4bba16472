export { type Fetch, HttpLogClient, LogFetchError } from './http-tile-reader.ts'
export { type AlarmCode, type CheckResult, checkLog, MonitorAlarm, type MonitorState } from './monitor.ts'
