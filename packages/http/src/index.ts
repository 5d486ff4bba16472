export { BackgroundLoop } from './background-loop.ts'
export { healthRoutes } from './health-routes.ts'
export { answerProblems, type Problem, problem, registerProblemHandlers, sendProblem } from './problem.ts'
