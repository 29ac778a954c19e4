/** Placeholder until 汇总 lands: service handlers for the aggregate.* methods, merged into the core's registry. */
export const aggregateHandlers = {};
