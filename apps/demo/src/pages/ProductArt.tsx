/** Simple drawings for the products (decorative). */
export function ProductArt({ id }: { id: string }) {
  return (
    <div className="product-art" data-product={id} aria-hidden="true">
      <svg viewBox="0 0 120 90" role="presentation" focusable="false">
        {id === "coffee" ? (
          <>
            <path d="M38 22h44l6 56H32z" fill="#7a4a25" />
            <path d="M38 22h44l-4 10H42z" fill="#5b3418" />
            <rect x="46" y="44" width="28" height="18" rx="3" fill="#f3dcb8" />
            <ellipse cx="60" cy="53" rx="6" ry="4" fill="#7a4a25" />
          </>
        ) : id === "tea" ? (
          <>
            <rect x="40" y="24" width="40" height="54" rx="6" fill="#2f6b4f" />
            <rect x="40" y="24" width="40" height="10" rx="4" fill="#24543e" />
            <path d="M60 44c10 0 12 12 0 18-12-6-10-18 0-18z" fill="#b9e0a5" />
            <path d="M60 46v15" stroke="#2f6b4f" strokeWidth="2" />
          </>
        ) : id === "basket" ? (
          <>
            <path d="M60 10l14 22H46z" fill="#c4572e" />
            <path d="M40 34h40l-6 44H46z" fill="#e6b566" />
            <path d="M42 46h36M43 58h34M45 70h30" stroke="#c4572e" strokeWidth="4" />
          </>
        ) : (
          <>
            <path d="M30 24h60v40H30z" fill="#f7f4ee" />
            <path d="M30 30h60M30 42h60M30 54h60" stroke="#2b4a8b" strokeWidth="6" />
            <path
              d="M36 64v14M48 64v14M60 64v14M72 64v14M84 64v14"
              stroke="#2b4a8b"
              strokeWidth="2"
            />
          </>
        )}
      </svg>
    </div>
  );
}
