import { Anchor, Badge, Box, Button, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay, formatRupiah, jakartaToday } from '../../format';
import { sumOf } from './amounts';
import { StateBadge } from './display';
import type { Order, OrderState } from './model';
import type { ProductNames } from './words';

/** The columns of the board, in the order an order moves through them. */
const COLUMNS: readonly OrderState[] = ['issued', 'accepted', 'published', 'proof_rejected', 'proof_verified', 'invoiced', 'paid'];
/** Shown only while an order is in it: a rejected proof waits for the company's next one. */
const ONLY_WHEN_USED: ReadonlySet<OrderState> = new Set(['proof_rejected']);
/** Orders that ended without publication, kept below the board until asked for. */
const CLOSED: readonly OrderState[] = ['declined', 'cancelled'];

/** Before publication, an order whose window has closed is late. */
const AWAITING_PUBLICATION: ReadonlySet<OrderState> = new Set(['issued', 'accepted']);

function OrderCard({ order, names }: { order: Order; names: ProductNames }) {
  const { t } = useTranslation('orders');
  const late = AWAITING_PUBLICATION.has(order.state) && order.due_until < jakartaToday();
  const unit = names.unit(order.product);
  return (
    <Paper withBorder p="xs" radius="sm" component="li" aria-label={order.number}>
      <Stack gap={2}>
        <Anchor component={Link} to={`/orders/${order.id}`} size="sm" fw={600}>
          {order.number}
        </Anchor>
        <Text size="sm">{order.outlet_name}</Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {order.subject}
        </Text>
        <Text size="xs">
          {unit ? t('quantityOf', { count: order.quantity, unit, product: names.name(order.product) }) : `${order.quantity} × ${names.name(order.product)}`}
        </Text>
        <Group justify="space-between" gap={4}>
          <Text size="sm" fw={600}>
            {formatRupiah(order.amount.amount)}
          </Text>
          {late && (
            <Badge color="red" variant="light" size="sm" tt="none">
              {t('late')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('due', { from: formatDay(order.due_from), until: formatDay(order.due_until) })}
        </Text>
      </Stack>
    </Paper>
  );
}

function Column({ state, orders, names }: { state: OrderState; orders: readonly Order[]; names: ProductNames }) {
  const { t } = useTranslation('orders');
  const headingId = useId();
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" component="section" aria-labelledby={headingId} miw={240} w={240} style={{ flexShrink: 0 }}>
      <Stack gap="xs">
        <div>
          <Group justify="space-between" gap={4}>
            <Title order={2} size="h5" id={headingId}>
              {t('board.column', { state: t(`state.${state}`), count: orders.length })}
            </Title>
            <StateBadge state={state} size="xs" />
          </Group>
          <Text size="xs" c="dimmed">
            {formatRupiah(sumOf(orders.map((order) => order.amount.amount)))}
          </Text>
        </div>
        {orders.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('board.emptyColumn')}
          </Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} names={names} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The orders as a board: one column per state an order moves through, from issued to paid, each
 * with its count and amount. Declined and cancelled orders are folded away below it.
 */
export function OrderBoard({ orders, names }: { orders: readonly Order[]; names: ProductNames }) {
  const { t } = useTranslation('orders');
  const [showClosed, setShowClosed] = useState(false);
  const closedId = useId();
  const inState = (state: OrderState) => orders.filter((order) => order.state === state);
  const columns = COLUMNS.filter((state) => !ONLY_WHEN_USED.has(state) || inState(state).length > 0);
  const closed = orders.filter((order) => CLOSED.includes(order.state));

  return (
    <Stack gap="sm">
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="sm" pb="xs">
          {columns.map((state) => (
            <Column key={state} state={state} orders={inState(state)} names={names} />
          ))}
        </Group>
      </ScrollArea>
      <Box>
        <Button variant="subtle" size="compact-sm" aria-expanded={showClosed} aria-controls={closedId} onClick={() => setShowClosed((shown) => !shown)}>
          {t(showClosed ? 'board.hideClosed' : 'board.showClosed', { count: closed.length })}
        </Button>
        <Box id={closedId} hidden={!showClosed} mt="xs">
          {showClosed && (
            <Group align="flex-start" wrap="nowrap" gap="sm">
              {CLOSED.map((state) => (
                <Column key={state} state={state} orders={inState(state)} names={names} />
              ))}
            </Group>
          )}
        </Box>
      </Box>
    </Stack>
  );
}
