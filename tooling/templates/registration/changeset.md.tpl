---
'@tokenwise/__vendor__': minor
---

New package `@tokenwise/__vendor__`: a __Vendor__ client on the vendor kit (`__Vendor__Client` with
`create`, `items`, `request`, `manager`, `baseUrl`, `close`), its mock cloud in
`@tokenwise/__vendor__/mock`, and support in `tokenwise login`/`sandbox` and `pnpm demo`.
