// Community screen (社区议事): proposals and e-voting, appointments, grid workers' visits.
import { CommunityView } from '../features/community/community-view.tsx';

export default function CommunityPage() {
  return <CommunityView />;
}
