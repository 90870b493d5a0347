import { useState } from 'react';
import { dial } from './phone';
import { DialForm } from './DialForm';
import { usePhoneStore } from './store';

/** The dial box of the call bar: dials through the engine (answering holds whoever the agent talks to). */
export const DialBox = () => {
  const registered = usePhoneStore((s) => s.view.registration.status === 'registered');
  const [busy, setBusy] = useState(false);
  return (
    <DialForm
      disabled={!registered}
      busy={busy}
      onDial={async (number) => {
        setBusy(true);
        const r = await dial(number);
        setBusy(false);
        return r.ok;
      }}
    />
  );
};
