import { useTranslation } from 'react-i18next';
import { hrefOf, type Route } from './route';

type Props = { route: Route; conflicts: number; isAdmin?: boolean; isFloor?: boolean };

/** The main navigation (links, so the hash carries the screen): Tickets, New ticket, Conflicts (count), Calls, Knowledge, Articles for admins, Knowledge usage for supervisors and admins. */
export const NavBar = ({ route, conflicts, isAdmin = false, isFloor = false }: Props) => {
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
    ...(isFloor ? [{ to: { name: 'usage' } as const, label: t('nav.knowledgeUsage'), current: route.name === 'usage' }] : []),
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
