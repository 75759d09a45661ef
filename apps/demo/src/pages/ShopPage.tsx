import { addAmounts, formatMoney } from "@dollr-kit/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { type Product, shopApi } from "../api.ts";
import { LOCALE } from "../kit.tsx";
import { navigate } from "../router.tsx";
import { basketId, cartStore, setQuantity, useStore } from "../store.ts";
import { PageHeading } from "./PageHeading.tsx";
import { ProductArt } from "./ProductArt.tsx";

export function useCatalog() {
  return useQuery({ queryKey: ["demo", "catalog"], queryFn: shopApi.catalog, staleTime: 60_000 });
}

export function ShopPage() {
  const catalog = useCatalog();
  return (
    <>
      <PageHeading title="Shop">Goods from Liberia and Rwanda</PageHeading>
      <p className="lede">
        Coffee, tea and crafts, paid with mobile money (MTN, Orange, Airtel) or a card.
      </p>
      <div className="shop-grid">
        <section aria-labelledby="products-title">
          <h2 id="products-title" className="visually-hidden">
            Products
          </h2>
          {catalog.isPending ? <p role="status">Loading the products…</p> : null}
          {catalog.isError ? (
            <p role="alert" className="notice" data-tone="danger">
              We couldn't load the products. {catalog.error.message}{" "}
              <button type="button" className="button" onClick={() => void catalog.refetch()}>
                Try again
              </button>
            </p>
          ) : null}
          {catalog.data ? (
            <ul className="products">
              {catalog.data.map((product) => (
                <li key={product.id}>
                  <ProductCard product={product} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <CartPanel products={catalog.data ?? []} />
      </div>
    </>
  );
}

function ProductCard({ product }: { product: Product }) {
  const cart = useStore(cartStore);
  const qty = cart[product.id] ?? 0;
  const addRef = useRef<HTMLButtonElement>(null);
  const plusRef = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);
  const previousQty = useRef(qty);
  const headingId = `product-${product.id}`;

  // The control changes shape between 0 and 1+: keep the keyboard focus on it.
  useEffect(() => {
    const before = previousQty.current;
    previousQty.current = qty;
    if (!hadFocus.current) return;
    if (before === 0 && qty > 0) plusRef.current?.focus();
    if (before > 0 && qty === 0) addRef.current?.focus();
  }, [qty]);

  return (
    <article
      className="product"
      aria-labelledby={headingId}
      onFocus={() => {
        hadFocus.current = true;
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          hadFocus.current = false;
        }
      }}
    >
      <ProductArt id={product.id} />
      <div className="product-body">
        <h3 id={headingId}>{product.name}</h3>
        <p className="product-description">{product.description}</p>
        <p className="price">{formatMoney(product.price, product.currency, LOCALE)}</p>
        {qty === 0 ? (
          <button
            ref={addRef}
            type="button"
            className="button"
            data-variant="secondary"
            aria-label={`Add to cart: ${product.name}`}
            onClick={() => setQuantity(product.id, 1)}
          >
            Add to cart
          </button>
        ) : (
          // biome-ignore lint/a11y/useSemanticElements: a group of buttons, not a form fieldset.
          <div className="stepper" role="group" aria-label={`Quantity of ${product.name}`}>
            <button
              type="button"
              className="button stepper-button"
              aria-label={`Remove one ${product.name}`}
              onClick={() => setQuantity(product.id, qty - 1)}
            >
              −
            </button>
            <output className="stepper-value">
              {qty}
              <span className="visually-hidden"> in cart</span>
            </output>
            <button
              ref={plusRef}
              type="button"
              className="button stepper-button"
              aria-label={`Add one ${product.name}`}
              disabled={qty >= 10}
              onClick={() => setQuantity(product.id, qty + 1)}
            >
              +
            </button>
          </div>
        )}
      </div>
    </article>
  );
}

function CartPanel({ products }: { products: Product[] }) {
  const cart = useStore(cartStore);
  const lines = products
    .filter((product) => (cart[product.id] ?? 0) > 0)
    .map((product) => ({ product, qty: cart[product.id] ?? 0 }));
  const currency = "USD";
  // For display only: the server prices the order on the next step.
  const subtotal = addAmounts(
    currency,
    "0",
    ...lines.flatMap(({ product, qty }) => Array.from({ length: qty }, () => product.price)),
  );
  // The server answers with a new order, or with the one this basket already has (a payment in
  // progress, paid, or not paid yet): never a second order for one basket.
  const checkout = useMutation({
    mutationFn: () =>
      shopApi.createOrder(
        lines.map(({ product, qty }) => ({ product_id: product.id, qty })),
        basketId(),
      ),
    onSuccess: (order) => navigate(`/checkout/${order.id}`),
  });

  return (
    <section id="cart" className="cart card" aria-labelledby="cart-title" tabIndex={-1}>
      <h2 id="cart-title">Your cart</h2>
      {lines.length === 0 ? (
        <p className="muted">Your cart is empty. Add something you like.</p>
      ) : (
        <>
          <ul className="cart-lines">
            {lines.map(({ product, qty }) => (
              <li key={product.id}>
                <span>
                  {product.name} <span className="muted">× {qty}</span>
                </span>
                <span>
                  {formatMoney(
                    addAmounts(currency, ...Array.from({ length: qty }, () => product.price)),
                    currency,
                    LOCALE,
                  )}
                </span>
              </li>
            ))}
          </ul>
          <dl className="totals">
            <div>
              <dt>Subtotal</dt>
              <dd>{formatMoney(subtotal, currency, LOCALE)}</dd>
            </div>
          </dl>
          <p className="muted small">The payment fee, if any, is shown before you pay.</p>
        </>
      )}
      {checkout.isError ? (
        <p role="alert" className="notice" data-tone="danger">
          {checkout.error.message}
        </p>
      ) : null}
      <button
        type="button"
        className="button"
        data-variant="primary"
        data-size="large"
        disabled={lines.length === 0 || checkout.isPending}
        aria-busy={checkout.isPending || undefined}
        onClick={() => checkout.mutate()}
      >
        {checkout.isPending ? "Creating your order…" : "Check out"}
      </button>
    </section>
  );
}
