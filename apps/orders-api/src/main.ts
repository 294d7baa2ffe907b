import '@shop/orders-domain';

export const handler = async (): Promise<void> => undefined;
