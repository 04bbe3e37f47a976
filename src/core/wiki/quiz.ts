/**
 * The quiz of the paper's human check (Appendix D, Table 5): two multiple-choice questions for each
 * of the five people annotated (politics and diet), which annotators answer correctly before they
 * begin, "otherwise they are instructed to read at least the Wikipedia page of the person". The
 * text is Table 5's, spellings included; the correct option is the one the table sets in bold.
 */

/** One quiz question. */
export interface QuizQuestion {
  /** The question. */
  readonly question: string;
  /** The options, in the table's order (A, B, C, D). */
  readonly options: readonly string[];
  /** Index of the correct option. */
  readonly answer: number;
}

/** Table 5, by person id. */
export const PAPER_QUIZ: Readonly<Record<string, readonly QuizQuestion[]>> = {
  'donald-trump': [
    {
      question:
        'Before becoming president, Donald Trump was known for his career in business. What type of business is the Trump Organization primarily involved in?',
      options: ['Real Estate and Hospitality', 'Venture Capitals', 'Entertainment', 'Pharmaceutical Industry'],
      answer: 0,
    },
    {
      question:
        'While libertarians and conservatives tend to agree that entrepreneurship is the primary mechanism for generating prosperity, which belief system allows maximum individual freedom, disregarding issues such as social decay?',
      options: ['Libertarians', 'Conservatives', 'Both', 'Neither'],
      answer: 0,
    },
  ],
  'alexandria-ocasio-cortez': [
    {
      question: 'What political position does Alexandria Ocasio-Cortez (AOC) currently hold?',
      options: ['Congresswomen for Connecticut', 'Senator for California', 'Congress women for New York', 'Senator for Rhode Island'],
      answer: 2,
    },
    {
      question: 'What major legislation has AOC been a prominent advocate for?',
      options: ['The Infrastructure Investment and Jobs Act', 'The Affordable Care Act', 'The Freedom to Vote Act', 'The Green New Deal'],
      answer: 3,
    },
  ],
  'joe-biden': [
    {
      question: 'Before becoming President, what position did Joe Biden hold from 2009 to 2017?',
      options: [
        'U.S. Senator of Vermont',
        'U.S. Secretary of State',
        'Speaker of the House of Representatives',
        'Vice President of the United States',
      ],
      answer: 3,
    },
    {
      question: 'What is the main purpose of the American Rescue Plan?',
      options: [
        'To tighten immigration control',
        'To provide economic relief and recovery from the COVID-19 pandemic',
        'To implement widespread tax cuts for corporations',
        'To create a new national healthcare system',
      ],
      answer: 1,
    },
  ],
  'halle-berry': [
    {
      question: 'What health condition does Halle Berry have that puts her on the special diet?',
      options: ['Arthritis', 'Epilepsy', 'Diabetes', "Parkinson's"],
      answer: 2,
    },
    {
      question: 'What is the significance of Halle Berry winning the Academy Award for Best Actress?',
      options: [
        'She became the first Black woman to win the Academy Award for Best Actress.',
        'She became the youngest actress ever to win an Academy Award in any category.',
        'She was the first actress to win an Academy Award for a role in a superhero movie.',
        'She became the first American actress to win both an Academy Award and an Emmy Award',
      ],
      answer: 0,
    },
  ],
  'ellen-degeneres': [
    {
      question: 'What kind of diet best describes Ellen DeGeneres diet (at least at one point in her life)?',
      options: ['Paleo diet', 'Vegan diet', 'Ketogenic diet', 'Gluten Free diet'],
      answer: 1,
    },
    {
      question: 'What is the significance of the "Puppy Episode" in the Ellen Sit-com series in relation to Ellen DeGeneres?',
      options: [
        'It was the first episode to win an Emmy for outstanding comedy writing, unrelated to its content.',
        'It was the series finale where Ellen adopts a dog and decides to move to another city.',
        "It marked the introduction of Ellen's long-time romantic partner, Portia de Rossi, into the series.",
        "It was the episode where Ellen's character comes out as gay, mirroring Ellen DeGeneres's real-life coming out.",
      ],
      answer: 3,
    },
  ],
};

/** The English Wikipedia page of a person, which the paper asks an annotator who fails the quiz to read. */
export function wikipediaPage(name: string): string {
  return `https://en.wikipedia.org/wiki/${encodeURIComponent(name.trim().replace(/\s+/g, '_'))}`;
}
