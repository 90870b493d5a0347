import { highlight } from './search';

type Props = { text: string; terms: readonly string[] };

/** Text with the matched words marked (`<mark>`), for result titles and snippets. */
export const Highlighted = ({ text, terms }: Props) => (
  <>
    {highlight(text, terms).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
  </>
);
