// Placeholder until the field app is built (issue #5).
import { NavBar, Result } from 'antd-mobile';

export function App() {
  return (
    <>
      <NavBar back={null}>网格员</NavBar>
      <Result status="waiting" title="网格员" description="我的网格、上报、核实核查、走访巡查" />
    </>
  );
}
