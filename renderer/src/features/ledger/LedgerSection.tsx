/**
 * #/ledger shows the grid, #/ledger/<id> the project's 一项目一档 page. Filters can arrive in the hash
 * (#/ledger?category=…&status=…, ?light=red&period=YYYY-MM from the 总览 charts).
 */
import { LevelSchema } from '../../../../shared/schemas/figures.ts';
import { useHashRoute } from '../../app/use-hash-route.ts';
import { LedgerPage } from './LedgerPage.tsx';
import type { LedgerFilters } from './ledger-view.ts';
import { ProjectPage } from './ProjectPage.tsx';

const TEXT_FILTERS = ['category', 'subcategory', 'status', 'nature', 'stageGroup', 'tag'] as const;

function filtersFrom(params: URLSearchParams): LedgerFilters {
  const f: LedgerFilters = {};
  for (const k of TEXT_FILTERS) if (params.get(k)) f[k] = params.get(k);
  if (params.get('year')) f.year = Number(params.get('year'));
  const light = params.get('light');
  const period = params.get('period');
  if (period && (light === 'none' || LevelSchema.safeParse(light).success)) {
    f.light = light as LedgerFilters['light'];
    f.period = period;
  }
  return f;
}

export function LedgerSection() {
  const [route, go] = useHashRoute('ledger');
  const [path, query = ''] = route.split('?') as [string, string?];
  const params = new URLSearchParams(query);
  const id = /^ledger\/(\d+)$/.exec(path)?.[1];
  if (id) return <ProjectPage key={id} id={Number(id)} onBack={() => go('ledger')} />;
  return (
    <LedgerPage
      key={query}
      initialFilters={filtersFrom(params)}
      onClearOnly={() => go('ledger')}
      onOpen={(pid) => go(`ledger/${pid}`)}
    />
  );
}
