/** `byProductId` → `by_product_id`, `putProduct` → `put_product`: Terraform-style resource names. */
export const snakeCase = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toLowerCase();
