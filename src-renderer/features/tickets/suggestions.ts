/** What the tickets feature hands the shell's suggestions panel: what the agent is typing and the ticket (null while capturing). */
export type SuggestionContext = { text: string; touchpoint: string; ticket: { id: string; subject: string } | null };
