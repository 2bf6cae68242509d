import { waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';

/**
 * Picks an option of a select, in the list that select opened (by its `aria-controls`): a page
 * with filters has several selects, each with a list of its own.
 */
export async function pick(user: ReturnType<typeof userEvent.setup>, select: HTMLElement, option: string | RegExp) {
  await user.click(select);
  const list = await waitFor(() => {
    const found = document.getElementById(select.getAttribute('aria-controls') ?? '');
    if (!found) throw new Error('The select has not opened its list');
    return found;
  });
  await user.click(within(list).getByRole('option', { name: option, hidden: true }));
}
