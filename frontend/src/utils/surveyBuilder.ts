// The questionnaire builder's editing model: add, change, move and remove questions while keeping the show-if
// conditions and follow-up rules valid (a condition names an earlier question and an answer it can be given — the
// server's rule in surveys/rules.py `clean_questions`, mirrored so the builder says what is wrong before saving).
import type { Question } from './surveyQuestions'

export type QuestionType = Question['type']
export const QUESTION_TYPES: QuestionType[] = ['rating', 'nps', 'single', 'multiple', 'text']

/** A question as the builder edits it: the stored shape plus the follow-up rule (empty: none). */
export interface DraftQuestion extends Question {
  follow_up?: { below: number } | { chosen: string[] }
}

export const MAX_QUESTIONS = 50
export const MAX_OPTIONS = 20
const KEY = /^[a-z][a-z0-9_]{0,29}$/
const isChoice = (type: QuestionType) => type === 'single' || type === 'multiple'

/** A fresh question of ``type`` with a key no other question has (q1, q2 …). */
export function newQuestion(type: QuestionType, questions: readonly DraftQuestion[], section = ''): DraftQuestion {
  const taken = new Set(questions.map((q) => q.key))
  let n = questions.length + 1
  while (taken.has(`q${n}`)) n += 1
  const question: DraftQuestion = { key: `q${n}`, type, title: '', required: true, section }
  if (isChoice(type)) question.options = ['', '']
  return question
}

/** The answers a condition may wait for: the stars, the scores or the choices of ``question`` (none for free text). */
export function possibleAnswers(question: Pick<Question, 'type' | 'options'>): (string | number)[] {
  if (question.type === 'rating') return [1, 2, 3, 4, 5]
  if (question.type === 'nps') return Array.from({ length: 11 }, (_, n) => n)
  if (isChoice(question.type)) return (question.options ?? []).map((o) => o.trim()).filter(Boolean)
  return []
}

/** The questions a condition of the question at ``index`` may name: the earlier ones with answers to wait for. */
export function conditionSources(questions: readonly DraftQuestion[], index: number): DraftQuestion[] {
  return questions.slice(0, index).filter((q) => possibleAnswers(q).length > 0)
}

/** Drop the conditions and follow-up rules that no longer fit (their question moved after, changed or went). */
export function tidy(questions: DraftQuestion[]): DraftQuestion[] {
  return questions.map((q, index) => {
    const out: DraftQuestion = { ...q }
    if (out.show_if) {
      const source = questions.slice(0, index).find((e) => e.key === out.show_if!.question)
      if (!source || !possibleAnswers(source).includes(out.show_if.equals as string | number)) delete out.show_if
    }
    if (out.follow_up) {
      const rule = out.follow_up
      const top = out.type === 'rating' ? 5 : 10
      const fits =
        'below' in rule
          ? (out.type === 'rating' || out.type === 'nps') && Number.isInteger(rule.below) && rule.below >= 1 && rule.below <= top
          : isChoice(out.type) && rule.chosen.length > 0 && rule.chosen.every((c) => possibleAnswers(out).includes(c))
      if (!fits) delete out.follow_up
    }
    return out
  })
}

/** ``questions`` with the one at ``index`` moved by ``delta`` (−1 up, +1 down); conditions that no longer point
 * back are dropped. */
export function moveQuestion(questions: DraftQuestion[], index: number, delta: number): DraftQuestion[] {
  const to = index + delta
  if (to < 0 || to >= questions.length) return questions
  const copy = [...questions]
  const [moved] = copy.splice(index, 1)
  copy.splice(to, 0, moved)
  return tidy(copy)
}

export function removeQuestion(questions: DraftQuestion[], index: number): DraftQuestion[] {
  return tidy(questions.filter((_, i) => i !== index))
}

/** The question with another type: choices keep (or get) their options, the others lose them. */
export function changeType(questions: DraftQuestion[], index: number, type: QuestionType): DraftQuestion[] {
  const copy = questions.map((q, i) => {
    if (i !== index) return q
    const changed: DraftQuestion = { ...q, type }
    if (isChoice(type)) changed.options = q.options?.length ? [...q.options] : ['', '']
    else delete changed.options
    return changed
  })
  return tidy(copy)
}

/** Field errors in the server's shape (``questions.2.options``), as i18n keys under ``surveyAdmin.errors``. */
export function validateQuestions(title: string, questions: readonly DraftQuestion[]): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!title.trim()) errors.title = 'title'
  else if (title.length > 100) errors.title = 'titleLong'
  if (!questions.length) errors.questions = 'noQuestions'
  else if (questions.length > MAX_QUESTIONS) errors.questions = 'tooMany'
  const seen = new Set<string>()
  questions.forEach((q, i) => {
    const at = `questions.${i}`
    if (!KEY.test(q.key)) errors[`${at}.key`] = 'key'
    else if (seen.has(q.key)) errors[`${at}.key`] = 'keyTaken'
    seen.add(q.key)
    if (!q.title.trim() || q.title.length > 200) errors[`${at}.title`] = 'question'
    if ((q.section ?? '').length > 60) errors[`${at}.section`] = 'section'
    if (isChoice(q.type)) {
      const options = (q.options ?? []).map((o) => o.trim())
      const ok = options.length >= 2 && options.length <= MAX_OPTIONS && options.every((o) => o && o.length <= 100) && new Set(options).size === options.length
      if (!ok) errors[`${at}.options`] = 'options'
    }
  })
  return errors
}

/** What the API is sent: trimmed options, empty sections and rules left out. */
export function toPayload(questions: readonly DraftQuestion[]): Record<string, unknown>[] {
  return tidy(questions.map((q) => ({ ...q, options: q.options?.map((o) => o.trim()) }))).map((q) => {
    const out: Record<string, unknown> = { key: q.key, type: q.type, title: q.title.trim(), required: q.required }
    if (q.section?.trim()) out.section = q.section.trim()
    if (isChoice(q.type)) out.options = q.options
    if (q.show_if) out.show_if = q.show_if
    if (q.follow_up) out.follow_up = q.follow_up
    return out
  })
}

/** The server's questions as editable copies. */
export function fromServer(raw: unknown): DraftQuestion[] {
  if (!Array.isArray(raw)) return []
  return raw.map((q) => {
    const item = q as DraftQuestion
    return {
      ...item,
      section: item.section ?? '',
      options: item.options ? [...item.options] : undefined,
      show_if: item.show_if ? { ...item.show_if } : undefined,
      follow_up: item.follow_up ? JSON.parse(JSON.stringify(item.follow_up)) : undefined,
    }
  })
}

/** NPS from a 0–10 distribution: promoters (9–10), passives (7–8), detractors (0–6) and the score
 * (% promoters − % detractors, one decimal: the server's ``results``). */
export function npsBreakdown(distribution: Record<string, number> | undefined) {
  let promoters = 0
  let passives = 0
  let detractors = 0
  for (const [score, count] of Object.entries(distribution ?? {})) {
    const n = Number(score)
    if (n >= 9) promoters += count
    else if (n >= 7) passives += count
    else detractors += count
  }
  const total = promoters + passives + detractors
  const score = total ? Math.round(((promoters - detractors) * 1000) / total) / 10 : null
  return { promoters, passives, detractors, total, score }
}

/** A name shown in lists with all but its first character hidden (张三丰 → 张**). */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('') || '—'
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3))
}
