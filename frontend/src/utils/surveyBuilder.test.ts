import { describe, expect, it } from 'vitest'
import {
  changeType, conditionSources, fromServer, maskName, moveQuestion, newQuestion, npsBreakdown, possibleAnswers, removeQuestion,
  toPayload, validateQuestions, type DraftQuestion,
} from './surveyBuilder'

const base = (): DraftQuestion[] => [
  { key: 'overall', type: 'rating', title: '总体满意度', required: true, section: '服务' },
  { key: 'fixed', type: 'single', title: '解决了吗？', required: true, options: ['已解决', '未解决'], follow_up: { chosen: ['未解决'] } },
  { key: 'why', type: 'multiple', title: '哪里要改进？', required: true, options: ['速度', '质量'], show_if: { question: 'fixed', equals: '未解决' } },
  { key: 'comment', type: 'text', title: '建议', required: false },
]

describe('the questionnaire builder model', () => {
  it('gives a new question a free key and, for choices, two empty options', () => {
    const qs = [...base(), { key: 'q6', type: 'text', title: 'x', required: false } as DraftQuestion]
    expect(newQuestion('nps', qs).key).toBe('q7')
    expect(newQuestion('single', []).options).toEqual(['', ''])
    expect(newQuestion('text', []).options).toBeUndefined()
  })

  it('offers conditions only on earlier questions that have answers to wait for', () => {
    const qs = base()
    expect(conditionSources(qs, 3).map((q) => q.key)).toEqual(['overall', 'fixed', 'why'])
    expect(conditionSources(qs, 0)).toEqual([])
    expect(possibleAnswers(qs[0])).toEqual([1, 2, 3, 4, 5])
    expect(possibleAnswers({ type: 'nps' })).toHaveLength(11)
    expect(possibleAnswers(qs[3])).toEqual([])
  })

  it('drops a condition when its question moves below the one that depends on it', () => {
    const moved = moveQuestion(base(), 1, 1) // 解决了吗 goes after 哪里要改进
    expect(moved.map((q) => q.key)).toEqual(['overall', 'why', 'fixed', 'comment'])
    expect(moved[1].show_if).toBeUndefined()
    expect(moveQuestion(base(), 0, -1)).toEqual(base()) // the first cannot go up
    const kept = moveQuestion(base(), 3, -1) // the text question moves up: the condition still points back
    expect(kept.find((q) => q.key === 'why')?.show_if).toEqual({ question: 'fixed', equals: '未解决' })
  })

  it('drops the conditions on a removed question and rules that no longer fit a changed type', () => {
    expect(removeQuestion(base(), 1).find((q) => q.key === 'why')?.show_if).toBeUndefined()
    const asText = changeType(base(), 1, 'text')
    expect(asText[1].options).toBeUndefined()
    expect(asText[1].follow_up).toBeUndefined()
    expect(asText[2].show_if).toBeUndefined() // text answers are not offered as conditions
    expect(changeType(base(), 0, 'single')[0].options).toEqual(['', ''])
  })

  it('drops a condition whose awaited option was renamed', () => {
    const qs = base()
    qs[1] = { ...qs[1], options: ['已解决', '没解决'] }
    expect(toPayload(qs).find((q) => q.key === 'why')?.show_if).toBeUndefined()
  })

  it('validates like the server, with its field names', () => {
    expect(validateQuestions('问卷', base())).toEqual({})
    const bad: DraftQuestion[] = [
      { key: 'Q 1', type: 'rating', title: '', required: true },
      { key: 'a', type: 'single', title: '选', required: true, options: ['是', '是 '] },
      { key: 'a', type: 'multiple', title: '多', required: true, options: ['只有一个'] },
    ]
    expect(validateQuestions(' ', bad)).toEqual({
      title: 'title',
      'questions.0.key': 'key',
      'questions.0.title': 'question',
      'questions.1.options': 'options',
      'questions.2.key': 'keyTaken',
      'questions.2.options': 'options',
    })
    expect(validateQuestions('问卷', [])).toEqual({ questions: 'noQuestions' })
  })

  it('sends trimmed options and leaves empty sections and rules out', () => {
    const qs = base()
    qs[1] = { ...qs[1], options: [' 已解决 ', '未解决'] }
    const sent = toPayload(qs)
    expect(sent[0]).toEqual({ key: 'overall', type: 'rating', title: '总体满意度', required: true, section: '服务' })
    expect(sent[1].options).toEqual(['已解决', '未解决'])
    expect(sent[3]).toEqual({ key: 'comment', type: 'text', title: '建议', required: false })
    expect(fromServer(sent).map((q) => q.section)).toEqual(['服务', '', '', ''])
  })

  it('computes NPS from the distribution like the server', () => {
    expect(npsBreakdown({ '10': 2, '9': 1, '8': 1, '3': 1 })).toEqual({ promoters: 3, passives: 1, detractors: 1, total: 5, score: 40 })
    expect(npsBreakdown({ '0': 2, '6': 1 }).score).toBe(-100)
    expect(npsBreakdown({ '9': 1, '7': 1, '5': 1 }).score).toBe(0)
    expect(npsBreakdown({ '10': 1, '8': 1, '0': 1 }).score).toBe(0)
    expect(npsBreakdown({ '10': 2, '5': 1 }).score).toBe(33.3)
    expect(npsBreakdown({}).score).toBeNull()
  })

  it('masks names in lists', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('李')).toBe('李')
    expect(maskName('Alexander')).toBe('A***')
    expect(maskName('')).toBe('—')
  })
})
