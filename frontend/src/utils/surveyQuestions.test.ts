import { describe, expect, it } from 'vitest'
import { answersToSend, askedQuestions, emptyAnswers, type Question } from './surveyQuestions'

const QUESTIONS: Question[] = [
  { key: 'fixed', type: 'single', title: '解决了吗', required: true, options: ['已解决', '未解决'] },
  { key: 'why', type: 'multiple', title: '哪里不好', required: true, options: ['速度', '质量'], show_if: { question: 'fixed', equals: '未解决' } },
  { key: 'more', type: 'text', title: '详细说说', required: false, show_if: { question: 'why', equals: '质量' } },
]

describe('show-if', () => {
  it('asks a question once its condition is met, and hides what depends on a hidden one', () => {
    expect(askedQuestions(QUESTIONS, {}).map((q) => q.key)).toEqual(['fixed'])
    expect(askedQuestions(QUESTIONS, { fixed: '未解决', why: ['质量'] }).map((q) => q.key)).toEqual(['fixed', 'why', 'more'])
    expect(askedQuestions(QUESTIONS, { fixed: '已解决', why: ['质量'] }).map((q) => q.key)).toEqual(['fixed'])
  })
  it('sends only the answers of questions asked, trimmed, without empty ones', () => {
    expect(answersToSend(QUESTIONS, { fixed: '已解决', why: ['速度'], more: ' x ' })).toEqual({ fixed: '已解决' })
    expect(answersToSend(QUESTIONS, { fixed: '未解决', why: ['质量'], more: ' 漏水 ' })).toEqual({ fixed: '未解决', why: ['质量'], more: '漏水' })
    expect(answersToSend(QUESTIONS, { fixed: '未解决', why: [] })).toEqual({ fixed: '未解决' })
    const rated: Question[] = [{ key: 'stars', type: 'rating', title: '评分', required: true }]
    expect(answersToSend(rated, { stars: 0 })).toEqual({})
    expect(answersToSend(rated, { stars: 4 })).toEqual({ stars: 4 })
  })
  it('starts every answer blank in the shape its control edits', () => {
    expect(emptyAnswers(QUESTIONS)).toEqual({ fixed: null, why: [], more: '' })
  })
})
