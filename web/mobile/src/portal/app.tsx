// Placeholder until the portal app is built (issue #5).
import { NavBar, Result } from 'antd-mobile';

export function App() {
  return (
    <>
      <NavBar back={null}>群众服务</NavBar>
      <Result status="waiting" title="群众服务" description="随手拍、查进度、晒单、议事投票、办事预约" />
    </>
  );
}
