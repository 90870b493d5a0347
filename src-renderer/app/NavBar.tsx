import { useTranslation } from 'react-i18next';
import { hrefOf, type Route } from './route';

type Props = { route: Route; conflicts: number; isAdmin?: boolean };

/** The main navigation (links, so the hash carries the screen): Tickets, New ticket, Conflicts (count), Calls, Knowledge, and Articles for admins. */
export const NavBar = ({ route, conflicts, isAdmin = false }: Props) => {
  const { t } = useTranslation();
  const items = [
    { to: { name: 'tickets' } as const, label: t('nav.tickets'), current: route.name === 'tickets' || route.name === 'ticket' },
    { to: { name: 'new' } as const, label: t('nav.newTicket'), current: route.name === 'new' },
    {
      to: { name: 'conflicts' } as const,
      label: conflicts > 0 ? t('nav.conflictsCount', { count: conflicts }) : t('nav.conflicts'),
      current: route.name === 'conflicts',
    },
    { to: { name: 'calls' } as const, label: t('nav.calls'), current: route.name === 'calls' },
    { to: { name: 'knowledge' } as const, label: t('nav.knowledge'), current: route.name === 'knowledge' },
    ...(isAdmin ? [{ to: { name: 'articles' } as const, label: t('nav.knowledgeAdmin'), current: route.name === 'articles' }] : []),
  ];
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {items.map((i) => (
        <a key={i.to.name} href={hrefOf(i.to)} aria-current={i.current ? 'page' : undefined} className={i.to.name === 'conflicts' && conflicts > 0 ? 'has-count' : undefined}>
          {i.label}
        </a>
      ))}
    </nav>
  );
};
