import { WorkspacePlaceholder } from '../../components/workspace-placeholder';

export default function HomePage() {
  return <WorkspacePlaceholder title="home.volunteer.title" />;
}
