// The console's routes. Every screen is its own chunk (React.lazy), so the first load carries
// only the shell; add a screen by adding its page file and one line here and in nav-items.tsx.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RequireAuth } from './auth/require-auth.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const AppLayout = lazy(() => import('./layout/app-layout.tsx'));
const WorkbenchPage = lazy(() => import('./pages/WorkbenchPage.tsx'));
const IntakePage = lazy(() => import('./pages/IntakePage.tsx'));
const CaseDetailPage = lazy(() => import('./pages/CaseDetailPage.tsx'));
const MapPage = lazy(() => import('./pages/MapPage.tsx'));
const BigScreenPage = lazy(() => import('./pages/BigScreenPage.tsx'));
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx'));
const CommunityPage = lazy(() => import('./pages/CommunityPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The big screen is full-screen, outside the console's frame. */}
      <Route
        path="/big-screen"
        element={
          <RequireAuth>
            <BigScreenPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<WorkbenchPage />} />
        <Route path="intake" element={<IntakePage />} />
        <Route path="cases/:id" element={<CaseDetailPage />} />
        <Route path="map" element={<MapPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="community/*" element={<CommunityPage />} />
        <Route path="admin/*" element={<AdminPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
