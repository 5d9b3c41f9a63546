import { AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Role } from '@iso27001/authz/roles';
import { Link, Outlet, useLocation } from 'react-router';
import { AuditorBanner } from '../features/audit/auditor-banner';
import { NAV_SECTIONS, type PortalRoute } from '../lib/portal-route';
import { roleLabel, roleMay } from '../lib/roles';
import { useSession } from '../lib/session';

/** The navigation entries a role may use, in section order: the same role groups the route guard and the API use. */
export function navigationFor(routes: readonly PortalRoute[], role: string | null) {
  const allowed = routes.filter((route) => route.nav && roleMay(role, route.group) && (!route.nav.roles || roleMay(role, route.nav.roles)));
  return NAV_SECTIONS.map((section) => ({ section, items: allowed.filter((route) => route.nav?.section === section) })).filter((group) => group.items.length > 0);
}

export function Layout({ routes }: { routes: readonly PortalRoute[] }) {
  const { session, roles, activeRole, setActiveRole, signOut, signingOut } = useSession();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const sections = navigationFor(routes, activeRole);
  // The one entry for this address: the longest nav path it is at or under (/risks/heat-map is not also /risks).
  const current = sections
    .flatMap(({ items }) => items.map((route) => route.path))
    .filter((path) => location.pathname === path || location.pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} component={Link} to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              ◆ ISMS Portal{' '}
              <Text span c="dimmed" size="sm" fw={400}>
                ISO/IEC 27001:2022
              </Text>
            </Text>
          </Group>
          {session && (
            <Group gap="md">
              <Stack gap={0} align="flex-end" data-testid="signed-in-user">
                <Text size="sm" fw={600}>
                  {session.user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {session.user.email}
                </Text>
              </Stack>
              {roles.length > 1 ? (
                <Select
                  aria-label="View as"
                  size="xs"
                  w={170}
                  data={roles.map((role) => ({ value: role, label: roleLabel(role) }))}
                  value={activeRole}
                  onChange={(value) => value && setActiveRole(value)}
                  allowDeselect={false}
                  data-testid="role-switch"
                />
              ) : (
                <Badge variant="light" data-testid="active-role">
                  {activeRole ? roleLabel(activeRole) : 'No role'}
                </Badge>
              )}
              {signingOut && (
                <Text size="xs" role="status" data-testid="signing-out">
                  Signing out…
                </Text>
              )}
              <Button variant="subtle" size="xs" onClick={() => void signOut()} loading={signingOut} data-testid="sign-out">
                Sign out
              </Button>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {/* Filled: the light variant's hover tint takes the active link's text below 4.5:1 contrast. */}
          <NavLink
            component={Link}
            to="/"
            label="Home"
            variant="filled"
            active={location.pathname === '/'}
            aria-current={location.pathname === '/' ? 'page' : undefined}
            data-testid="nav-home"
          />
          {sections.map(({ section, items }) => (
            <div key={section}>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="md" mb={4} px="sm">
                {section}
              </Text>
              {items.map((route) => (
                <NavLink
                  key={route.path}
                  // A plain link: react-router's NavLink would also mark /risks as current on /risks/heat-map.
                  component={Link}
                  to={route.path}
                  label={route.nav?.label}
                  variant="filled"
                  active={route.path === current}
                  aria-current={route.path === current ? 'page' : undefined}
                  data-testid={`nav-${route.path.slice(1).replace(/\//g, '-')}`}
                />
              ))}
            </div>
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        {activeRole === Role.ExternalAuditor && <AuditorBanner />}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
