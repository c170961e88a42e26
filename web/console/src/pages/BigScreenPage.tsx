// BigScreen screen: a placeholder until it is built (issue #4).
import { ComingSoon } from '../components/coming-soon.tsx';

export default function BigScreenPage() {
  return <ComingSoon screen="menu.bigScreen" />;
}
