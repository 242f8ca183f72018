// Which questions a person is asked, given the answers so far: the server's rule (surveys/rules.py `asked`) mirrored
// so the page shows a question as soon as its condition is met. The server checks again on submit.
export interface Question {
  key: string
  type: 'rating' | 'nps' | 'single' | 'multiple' | 'text'
  title: string
  required: boolean
  section?: string
  options?: string[]
  show_if?: { question: string; equals: unknown }
}

export function askedQuestions(questions: Question[], answers: Record<string, unknown>): Question[] {
  const shown = new Map<string, Question>()
  for (const q of questions) {
    const condition = q.show_if
    if (condition) {
      if (!shown.has(condition.question)) continue
      const answer = answers[condition.question]
      const matches = Array.isArray(answer) ? answer.includes(condition.equals) : answer === condition.equals
      if (!matches) continue
    }
    shown.set(q.key, q)
  }
  return [...shown.values()]
}

/** The answers to send: only questions asked, empty ones left out. */
export function answersToSend(questions: Question[], answers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const q of askedQuestions(questions, answers)) {
    const value = answers[q.key]
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue
    if (q.type === 'rating' && value === 0) continue // no star chosen (the rating control holds 0)
    out[q.key] = typeof value === 'string' ? value.trim() : value
  }
  return out
}

/** A blank answer per question, in the shape its control edits (choices: a list; text: ''; scores: none yet). */
export function emptyAnswers(questions: Question[]): Record<string, unknown> {
  return Object.fromEntries(questions.map((q) => [q.key, q.type === 'multiple' ? [] : q.type === 'text' ? '' : null]))
}
