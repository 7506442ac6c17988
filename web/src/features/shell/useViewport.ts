import { Grid } from 'antd';

/** True below 768 px (phones): tables drop fixed columns, drawers take the full width. */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
