/** #/ledger shows the grid, #/ledger/<id> the project's 一项目一档 page. */
import { useHashRoute } from '../../app/use-hash-route.ts';
import { LedgerPage } from './LedgerPage.tsx';
import { ProjectPage } from './ProjectPage.tsx';

export function LedgerSection() {
  const [route, go] = useHashRoute('ledger');
  const id = /^ledger\/(\d+)$/.exec(route)?.[1];
  return id ? <ProjectPage key={id} id={Number(id)} onBack={() => go('ledger')} /> : <LedgerPage onOpen={(pid) => go(`ledger/${pid}`)} />;
}
