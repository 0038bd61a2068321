/**
 * #/ledger shows the grid, #/ledger/<id> the project's 一项目一档 page. Filters can arrive in the hash
 * (#/ledger?category=…&status=…, ?light=red&period=YYYY-MM from the 总览 charts).
 */
import { useEffect, useState } from 'react';
import { LEVEL_CN, type Level } from '../../../../shared/domain/schedule.ts';
import { formatPeriodCn } from '../../../../shared/domain/period.ts';
import { useHashRoute } from '../../app/use-hash-route.ts';
import { call } from '../../lib/api.ts';
import { LedgerPage, type OnlyIds } from './LedgerPage.tsx';
import type { LedgerFilters } from './ledger-view.ts';
import { ProjectPage } from './ProjectPage.tsx';

const TEXT_FILTERS = ['category', 'subcategory', 'status', 'nature', 'stageGroup', 'tag'] as const;

function filtersFrom(params: URLSearchParams): LedgerFilters {
  const f: LedgerFilters = {};
  for (const k of TEXT_FILTERS) if (params.get(k)) f[k] = params.get(k);
  if (params.get('year')) f.year = Number(params.get('year'));
  return f;
}

/** The projects lit `light` (or unlit for 'none') in `period`, as the 总览 counted them. */
function useLightIds(light: string | null, period: string | null): OnlyIds | null {
  const [only, setOnly] = useState<OnlyIds | null>(null);
  useEffect(() => {
    if (!light || !period) return setOnly(null);
    call('figures:period', { period }).then(
      (f) => {
        const ids = f.projects.filter((p) => (light === 'none' ? p.level === null : p.level === light)).map((p) => p.id);
        const name = light === 'none' ? '未亮灯' : `${LEVEL_CN[light as Level] ?? light}灯`;
        setOnly({ ids: new Set(ids), label: `${formatPeriodCn(period)}${name}项目` });
      },
      () => setOnly(null),
    );
  }, [light, period]);
  return only;
}

export function LedgerSection() {
  const [route, go] = useHashRoute('ledger');
  const [path, query = ''] = route.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  const only = useLightIds(params.get('light'), params.get('period'));
  const id = /^ledger\/(\d+)$/.exec(path)?.[1];
  if (id) return <ProjectPage key={id} id={Number(id)} onBack={() => go('ledger')} />;
  return (
    <LedgerPage
      key={query}
      initialFilters={filtersFrom(params)}
      only={params.get('light') ? only : null}
      onClearOnly={() => go('ledger')}
      onOpen={(pid) => go(`ledger/${pid}`)}
    />
  );
}
