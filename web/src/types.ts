export type Item = {
  sku: string; name: string; description: string | null; priceCents: number; available: number; reserved: number;
  createdAt: string; updatedAt: string; version: number;
};
export type OrderEvent = {
  id: number; orderId: string; type: string; description: string; oldValue: string | null; newValue: string | null;
  actorId: string | null; createdAt: string;
};
export type Movement = { id: number; sku: string; delta: number; reason: string; kind: string; orderId: string | null; actorId: string | null; createdAt: string };
