import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import type { ListFilter } from './store';
import { TicketTable, type TicketRow } from './TicketTable';

type Props = {
  /** Shown between the heading and the table (the rejected changes waiting for the agent). */
  aside?: ReactNode;
  /** undefined while the cache is being read. */
  rows: readonly TicketRow[] | undefined;
  total: number;
  filter: ListFilter;
  onFilter: (f: Partial<ListFilter>) => void;
  names: Names;
  lang: Language;
  onOpen: (id: string) => void;
};

/** The ticket list screen: heading, filters, and the table (or why it is empty). */
export const TicketListView = ({ aside, rows, total, filter, onFilter, names, lang, onOpen }: Props) => {
  const { t } = useTranslation();
  return (
    <div className="screen ticket-list">
      <div className="screen-head">
        <h1>{t('list.heading')}</h1>
        <div className="filters" role="search">
          <SelectField
            id="ticket-scope"
            label={t('list.show')}
            value={filter.scope}
            options={[
              { value: 'open', label: t('list.showOpen') },
              { value: 'all', label: t('list.showAll') },
            ]}
            onChange={(v) => onFilter({ scope: v === 'all' ? 'all' : 'open' })}
            className="inline"
          />
          <TextField
            id="ticket-filter"
            label={t('list.filter')}
            type="search"
            value={filter.text}
            onChange={(text) => onFilter({ text })}
            placeholder={t('list.filterPlaceholder')}
            className="inline grow"
          />
          {rows && <span className="muted count">{t('list.count', { count: rows.length })}</span>}
        </div>
      </div>
      {aside}
      {rows === undefined ? (
        <p className="muted">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="empty">{total === 0 ? t('list.empty') : t('list.emptyFiltered')}</p>
      ) : (
        <div className="table-wrap">
          <TicketTable rows={rows} names={names} lang={lang} onOpen={onOpen} />
        </div>
      )}
    </div>
  );
};
