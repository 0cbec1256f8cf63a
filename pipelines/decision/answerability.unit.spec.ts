import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { askedToExist, unnamedInPassage } from './answerability.js'

const PRODUCT = 'Nimbus Tasks'
const boards = { title: 'Boards and lists', content: 'Every project can be shown as a board: columns of cards you drag between lists. Sticky headers keep column names visible.' }

describe('answerability: asking whether something exists', () => {
  it('finds the named thing, without generic words or the clause after it', () => {
    assert.deepEqual(askedToExist('Does Nimbus Tasks have a built-in whiteboard where we can brainstorm?', PRODUCT), [['whiteboard']])
    assert.deepEqual(askedToExist('is there a dark mode in the web app?', PRODUCT), [['dark', 'mode']])
    assert.deepEqual(askedToExist('Do you support an Outlook add-in? And is there an API?', PRODUCT), [['outlook', 'add'], ['api']])
  })

  it('ignores questions that do not ask whether something exists', () => {
    assert.deepEqual(askedToExist('How do I export my project to CSV?', PRODUCT), [])
    assert.deepEqual(askedToExist('Is there a way to move tasks between projects?', PRODUCT), [], 'a "way to" question asks how, and retrieval judges it')
    assert.deepEqual(askedToExist('Is there a quick way to find my open tasks?', PRODUCT), [], 'nor does "a quick way to"')
  })

  it('is satisfied when the passage names the thing, in any word form', () => {
    assert.equal(unnamedInPassage('Does Nimbus have boards?', boards, PRODUCT), null)
    assert.equal(unnamedInPassage('is there a board view with columns?', boards, PRODUCT), null)
  })

  it('knows the product by the name of the company it is given', () => {
    assert.deepEqual(askedToExist('Does Acme Cloud have a whiteboard?', 'Acme Cloud'), [['whiteboard']])
    assert.deepEqual(askedToExist('Does Acme have a whiteboard?', 'Acme Cloud'), [['whiteboard']])
    assert.deepEqual(askedToExist('Does Nimbus have a whiteboard?', 'Acme Cloud'), [])
  })

  it('names what the passage never mentions', () => {
    assert.equal(unnamedInPassage('Does Nimbus Tasks have a whiteboard where we can brainstorm with sticky notes?', boards, PRODUCT), 'whiteboard')
  })
})
