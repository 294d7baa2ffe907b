import '@shop/inventory-domain';

export const handler = async (): Promise<void> => undefined;
