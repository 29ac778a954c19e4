/** Placeholder until the 汇总 page lands. */
export function AggregatePage(_props: { onOpenReport?: (id: number) => void }) {
  return <div>汇总功能开发中</div>;
}
