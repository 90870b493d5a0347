import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { EditableFields } from '../../../src-shared/ticket/model';
import { emptyFields } from './form';
import type { RejectionEdit } from './rejectionEdit';

/** What the capture form holds until it is saved. */
export type CaptureDraft = { fields: EditableFields; groupId: string | null; assigneeId: string | null };

/** The list's filter: open tickets only, or all; plus free text. */
export type ListFilter = { scope: 'open' | 'all'; text: string };

type TicketsUi = {
  filter: ListFilter;
  capture: CaptureDraft;
  /** Unsaved edits per ticket id (only the fields the agent touched). */
  edits: Record<string, Partial<EditableFields>>;
  /** Unsent worklog note per ticket id. */
  notes: Record<string, string>;
  /** The agent's edited copy of a rejected mutation, per rejection id. */
  rejectionEdits: Record<string, RejectionEdit>;
  setFilter: (f: Partial<ListFilter>) => void;
  setCapture: (d: Partial<CaptureDraft>) => void;
  setCaptureField: <K extends keyof EditableFields>(k: K, v: EditableFields[K]) => void;
  resetCapture: () => void;
  setEdit: <K extends keyof EditableFields>(ticketId: string, k: K, v: EditableFields[K]) => void;
  clearEdits: (ticketId: string) => void;
  setNote: (ticketId: string, body: string) => void;
  setRejectionEdit: (rejectionId: string, edit: RejectionEdit) => void;
  clearRejectionEdit: (rejectionId: string) => void;
  /** Forgets every draft (on sign-out: the next person must not see them). */
  resetAll: () => void;
};

type Drafts = Pick<TicketsUi, 'filter' | 'capture' | 'edits' | 'notes' | 'rejectionEdits'>;

const initial = (): Drafts => ({
  filter: { scope: 'open', text: '' },
  capture: { fields: emptyFields(), groupId: null, assigneeId: null },
  edits: {},
  notes: {},
  rejectionEdits: {},
});

const without = <T>(rec: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _gone, ...rest } = rec;
  return rest;
};

/**
 * UI state of the tickets feature. Drafts are kept in sessionStorage so that nothing an agent
 * typed is lost on navigation, a failed save, or a reload of the window; sign-out clears them.
 */
export const useTicketsUi = create<TicketsUi>()(
  persist(
    (set) => ({
      ...initial(),
      setFilter: (f) => set((s) => ({ filter: { ...s.filter, ...f } })),
      setCapture: (d) => set((s) => ({ capture: { ...s.capture, ...d } })),
      setCaptureField: (k, v) => set((s) => ({ capture: { ...s.capture, fields: { ...s.capture.fields, [k]: v } } })),
      resetCapture: () => set({ capture: initial().capture }),
      setEdit: (id, k, v) => set((s) => ({ edits: { ...s.edits, [id]: { ...s.edits[id], [k]: v } } })),
      clearEdits: (id) => set((s) => ({ edits: without(s.edits, id) })),
      setNote: (id, body) => set((s) => ({ notes: body ? { ...s.notes, [id]: body } : without(s.notes, id) })),
      setRejectionEdit: (id, payload) => set((s) => ({ rejectionEdits: { ...s.rejectionEdits, [id]: payload } })),
      clearRejectionEdit: (id) => set((s) => ({ rejectionEdits: without(s.rejectionEdits, id) })),
      resetAll: () => set(initial()),
    }),
    {
      name: 'firstline.tickets.drafts',
      version: 1,
      storage: createJSONStorage(() => sessionStorage),
      partialize: (s): Drafts => ({ filter: s.filter, capture: s.capture, edits: s.edits, notes: s.notes, rejectionEdits: s.rejectionEdits }),
    },
  ),
);
