export { answerProblems, type Problem, problem, registerProblemHandlers, sendProblem } from './problem.ts'
