import { describe, expect, it } from 'vitest';
import { canonicalMailbox, mailboxDomain } from './mailbox.ts';

describe('canonicalMailbox', () => {
  it.each([
    ['bob@example.com', 'bob@example.com'],
    ['bob+1@example.com', 'bob@example.com'],
    ['bob+news+more@example.com', 'bob@example.com'],
    ['b.o.b@example.com', 'b.o.b@example.com'],
    ['b.ob@gmail.com', 'bob@gmail.com'],
    ['b.o.b+x@gmail.com', 'bob@gmail.com'],
    ['bob@googlemail.com', 'bob@gmail.com'],
    ['b.ob+1@googlemail.com', 'bob@gmail.com'],
    ['+only-tag@example.com', '@example.com'],
    ['bob@mail+x.example', 'bob@mail+x.example'],
    ['"odd@local"@example.com', '"odd@local"@example.com'],
  ])('%s → %s', (email, canonical) => {
    expect(canonicalMailbox(email)).toBe(canonical);
  });

  it('keeps dots for providers other than Gmail (they are significant there)', () => {
    expect(canonicalMailbox('b.ob@outlook.com')).not.toBe(canonicalMailbox('bob@outlook.com'));
  });

  it('returns text without @ unchanged', () => {
    expect(canonicalMailbox('nobody')).toBe('nobody');
  });
});

describe('mailboxDomain', () => {
  it('is the part after the last @', () => {
    expect(mailboxDomain('bob@gmail.com')).toBe('gmail.com');
    expect(mailboxDomain('"a@b"@example.com')).toBe('example.com');
  });
});
