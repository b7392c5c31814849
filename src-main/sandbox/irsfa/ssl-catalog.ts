/** SSL types and products (seed 000, "Get Type SSL" / "Get SSL Product"). Prices are whole rupiah, as on the wire. */

export const SSL_TYPES = [
  { ssl_type_id: 1, ssl_type_name: 'Domain Validation', active: 1, created_time: 1557304040, modify_time: 1557304040 },
  { ssl_type_id: 2, ssl_type_name: 'Extended Validation', active: 1, created_time: 1557304040, modify_time: 1557304040 },
] as const;

export interface SslProduct {
  productId: string;
  /** The registry's own product number, which /ssl/create answers with (seed: "41"). */
  registryProductId: string;
  name: string;
  typeId: 1 | 2;
  register: number;
  renew: number;
  restore: number;
  registryId: number;
  wildcard: boolean;
  /** How many host names one certificate may cover. */
  maxHostnames: number;
}

export const SSL_PRODUCTS: SslProduct[] = [
  { productId: 'PR0001', registryProductId: '40', name: 'Positive SSL - [Comodo]', typeId: 1, register: 65_000, renew: 65_000, restore: 390_000, registryId: 2, wildcard: false, maxHostnames: 1 },
  { productId: 'PR00019', registryProductId: '41', name: 'Sectigo Positive SSL - [Comodo]', typeId: 1, register: 65_000, renew: 65_000, restore: 390_000, registryId: 2, wildcard: false, maxHostnames: 1 },
  { productId: 'PR00020', registryProductId: '42', name: 'Sectigo PositiveSSL Wildcard - [Comodo]', typeId: 1, register: 1_150_000, renew: 1_150_000, restore: 1_150_000, registryId: 2, wildcard: true, maxHostnames: 1 },
  { productId: 'PR00021', registryProductId: '43', name: 'Sectigo PositiveSSL Multi-Domain - [Comodo]', typeId: 1, register: 450_000, renew: 450_000, restore: 900_000, registryId: 2, wildcard: false, maxHostnames: 100 },
  { productId: 'PR00022', registryProductId: '44', name: 'Sectigo EV SSL - [Comodo]', typeId: 2, register: 2_350_000, renew: 2_350_000, restore: 2_350_000, registryId: 2, wildcard: false, maxHostnames: 1 },
  { productId: 'PR00056', registryProductId: '56', name: 'Certum Commercial SSL', typeId: 1, register: 120_000, renew: 120_000, restore: 480_000, registryId: 2, wildcard: false, maxHostnames: 1 },
];

export function productView(p: SslProduct): Record<string, unknown> {
  return {
    product_id: p.productId,
    product_type_name: 'SSL',
    product_name: p.name,
    kurs_product: 'IDR',
    pricing_register: p.register,
    pricing_renew: p.renew,
    pricing_transfer: null,
    pricing_restore: p.restore,
    ssl_type_id: p.typeId,
    ssl_type_name: SSL_TYPES[p.typeId - 1]!.ssl_type_name,
    registry_id: p.registryId,
  };
}
