"use client";
/**
 * `@dollr-kit/react/payment-account-picker`: saved accounts, add wallet, and add card (the form
 * of the `cards` plug-in from `@dollr-kit/react/cards`).
 */
export {
  AddMobileMoneyForm,
  type AddMobileMoneyFormProps,
} from "./payment-account-picker/AddMobileMoneyForm.tsx";
export {
  brandName,
  describeAccount,
  displayMaskedNumber,
  isValidPhone,
  normalisePhone,
  operatorName,
} from "./payment-account-picker/format.ts";
export {
  PaymentAccountPicker,
  PaymentAccountPickerActions,
  type PaymentAccountPickerActionsProps,
  PaymentAccountPickerAddCard,
  type PaymentAccountPickerAddCardProps,
  PaymentAccountPickerAddForm,
  type PaymentAccountPickerAddFormProps,
  PaymentAccountPickerGroup,
  type PaymentAccountPickerGroupProps,
  PaymentAccountPickerIndicator,
  type PaymentAccountPickerIndicatorProps,
  PaymentAccountPickerItem,
  type PaymentAccountPickerItemProps,
  type PaymentAccountPickerProps,
  PaymentAccountPickerRoot,
  type PaymentAccountPickerRootProps,
  usePaymentAccountPickerContext,
} from "./payment-account-picker/PaymentAccountPicker.tsx";
export {
  type AddMobileMoneyState,
  type MobileMoneyMethod,
  type OperatorOption,
  type OperatorPredictionState,
  type UseAddMobileMoneyOptions,
  type UseAddMobileMoneyResult,
  useAddMobileMoney,
} from "./payment-account-picker/useAddMobileMoney.ts";
export {
  type CardAvailability,
  type PaymentAccountPickerListState,
  type PaymentAccountPickerMode,
  type PaymentAccountType,
  type PickerGroupProps,
  type PickerItemProps,
  type PickerItemUserProps,
  type UsePaymentAccountPickerOptions,
  type UsePaymentAccountPickerResult,
  usePaymentAccountPicker,
} from "./payment-account-picker/usePaymentAccountPicker.ts";
export {
  type PaymentAccountsStatus,
  type UsePaymentAccountsOptions,
  type UsePaymentAccountsResult,
  usePaymentAccounts,
} from "./payment-accounts/usePaymentAccounts.ts";
export * from "./provider/index.ts";
