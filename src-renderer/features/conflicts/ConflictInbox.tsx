import { useState } from 'react';
import { resolveConflict, useConflicts, useDirectory } from '../sync';
import { useLanguage } from '../../i18n/useLanguage';
import { attempt } from '../../ui/attempt';
import { ConflictInboxView } from './ConflictInboxView';

type Props = { onOpenTicket: (ticketId: string) => void };

/** The conflict inbox screen: conflicts from the cache, "Keep …" queues a resolveConflict. */
export const ConflictInbox = ({ onOpenTicket }: Props) => {
  const lang = useLanguage();
  const conflicts = useConflicts();
  const directory = useDirectory();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <ConflictInboxView
      conflicts={conflicts}
      names={{ users: directory?.users ?? [], groups: directory?.groups ?? [] }}
      lang={lang}
      busy={busy}
      failure={failure}
      onOpenTicket={onOpenTicket}
      onKeep={(id, choice) => {
        setBusy(true);
        setFailure(null);
        void attempt(() => resolveConflict(id, choice)).then((r) => {
          setBusy(false);
          if (!r.ok) setFailure(r.error.message);
        });
      }}
    />
  );
};
