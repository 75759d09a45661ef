/** The proxy client and the shapes the kit reads, from @dollr-kit/core. */
export type {
  AmountAndFeePrediction,
  CreatePaymentAccountBody,
  ExecutionResponse,
  KitConfig,
  MmoProviderInfo,
  PaymentSourceStatus,
  ProxyClient as DollrClient,
  SavedPaymentAccount,
  SourceFeesInput,
} from "@dollr-kit/core/internal";
