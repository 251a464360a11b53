namespace Portal.Application.Common;

/// <summary>
/// A refusal a user can act on: a message key (localized by the web layer as "Error.{Code}")
/// and its arguments. Refusals are results, not exceptions.
/// </summary>
public sealed record PortalError(string Code, params object[] Args)
{
    public override string ToString() => Args.Length == 0 ? Code : $"{Code}({string.Join(", ", Args)})";
}

public readonly record struct Result
{
    private Result(PortalError? error) => Error = error;

    public PortalError? Error { get; }
    public bool Succeeded => Error is null;

    public static Result Ok() => new(null);
    public static Result Fail(string code, params object[] args) => new(new PortalError(code, args));
    public static implicit operator Result(PortalError error) => new(error);
}

public readonly record struct Result<T>
{
    private Result(T? value, PortalError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public PortalError? Error { get; }
    public bool Succeeded => Error is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(string code, params object[] args) => new(default, new PortalError(code, args));
    public static implicit operator Result<T>(PortalError error) => new(default, error);
    public static implicit operator Result<T>(T value) => new(value, null);
}

/// <summary>Stable error codes; each has an "Error.{code}" resource in zh-CN and en-US.</summary>
public static class Errors
{
    public const string NotSignedIn = "NotSignedIn";
    public const string NotAMember = "NotAMember";
    public const string Forbidden = "Forbidden";
    public const string NotFound = "NotFound";
    public const string PhoneInvalid = "PhoneInvalid";
    public const string PhoneTaken = "PhoneTaken";
    public const string PasswordPolicy = "PasswordPolicy";
    public const string PasswordMismatch = "PasswordMismatch";
    public const string PasswordWrong = "PasswordWrong";
    public const string TermsRequired = "TermsRequired";
    public const string SmsTooSoon = "SmsTooSoon";
    public const string SmsCodeInvalid = "SmsCodeInvalid";
    public const string SmsCodeExpired = "SmsCodeExpired";
    public const string SmsCodeTooManyTries = "SmsCodeTooManyTries";
    public const string CaptchaRequired = "CaptchaRequired";
    public const string CaptchaWrong = "CaptchaWrong";
    public const string TooManyRequests = "TooManyRequests";
    public const string SmsDailyLimitPhone = "SmsDailyLimitPhone";
    public const string SmsDailyLimitAccount = "SmsDailyLimitAccount";
    public const string LoginFailed = "LoginFailed";
    public const string LockedOut = "LockedOut";
    public const string UsccInvalid = "UsccInvalid";

    /// <summary>Another organization is already certified with this USCC: only the platform's review with proof may take it over.</summary>
    public const string UsccAlreadyCertified = "UsccAlreadyCertified";

    /// <summary>The real-name provider does not confirm that the phone belongs to the legal representative (three-factor).</summary>
    public const string LegalRepresentativePhoneMismatch = "LegalRepresentativePhoneMismatch";

    /// <summary>The bank reports that the account is not held by the organization (户名不符).</summary>
    public const string BankAccountHolderMismatch = "BankAccountHolderMismatch";

    /// <summary>The person's verified real-name identity is not the organization's legal representative (name and ID number).</summary>
    public const string LegalRepresentativeIdentityMismatch = "LegalRepresentativeIdentityMismatch";
    public const string IdNumberInvalid = "IdNumberInvalid";
    public const string NameRequired = "NameRequired";
    public const string AlreadyMember = "AlreadyMember";
    public const string UserNotRegistered = "UserNotRegistered";
    public const string Concurrency = "Concurrency";
    public const string DepartmentRequired = "DepartmentRequired";
    public const string CannotRemoveSelf = "CannotRemoveSelf";
    public const string CannotRemoveOwner = "CannotRemoveOwner";
    public const string CannotRemoveLegalRepresentative = "CannotRemoveLegalRepresentative";
    public const string PhoneUnchanged = "PhoneUnchanged";
    public const string UrlInvalid = "UrlInvalid";
    public const string CertificateInvalid = "CertificateInvalid";
    public const string NotACaCertificate = "NotACaCertificate";
    public const string CrlInvalid = "CrlInvalid";
    public const string CrlIssuerUnknown = "CrlIssuerUnknown";
    public const string SigningUnavailable = "SigningUnavailable";
    public const string FileTooLarge = "FileTooLarge";
    public const string FileTypeNotAllowed = "FileTypeNotAllowed";
    public const string SpreadsheetTooLarge = "SpreadsheetTooLarge";
    public const string SpreadsheetTooManyRows = "SpreadsheetTooManyRows";
    public const string AuthorizationLetterRequired = "AuthorizationLetterRequired";
    public const string BusinessLicenseRequired = "BusinessLicenseRequired";
    public const string OrganizationNotDraft = "OrganizationNotDraft";
    public const string OrganizationNotCertifying = "OrganizationNotCertifying";
    public const string OrganizationNotCertified = "OrganizationNotCertified";
    public const string NonMainlandManualReviewOnly = "NonMainlandManualReviewOnly";
    public const string BankAccountInvalid = "BankAccountInvalid";
    public const string MicroDepositAccountLimit = "MicroDepositAccountLimit";
    public const string MicroDepositCompanyLimit = "MicroDepositCompanyLimit";
    public const string MicroDepositNotPaid = "MicroDepositNotPaid";
    public const string MicroDepositAmountInvalid = "MicroDepositAmountInvalid";
    public const string MicroDepositWrongAmount = "MicroDepositWrongAmount";
    public const string MicroDepositAttemptsExhausted = "MicroDepositAttemptsExhausted";
    public const string MicroDepositExpired = "MicroDepositExpired";
    public const string WithdrawRefusedUnderReview = "WithdrawRefusedUnderReview";
    public const string CannotContinue = "CannotContinue";
    public const string NotAwaitingReview = "NotAwaitingReview";
    public const string OrganizationSearchFailed = "OrganizationSearchFailed";
    public const string JoinRequestPending = "JoinRequestPending";
    public const string RequestNotPending = "RequestNotPending";
    public const string ReasonRequired = "ReasonRequired";
    public const string DepartmentNotEmpty = "DepartmentNotEmpty";
    public const string DepartmentCycle = "DepartmentCycle";
    public const string OwnerMustTransfer = "OwnerMustTransfer";
    public const string TransferTargetInvalid = "TransferTargetInvalid";
    public const string RemovalRequestPending = "RemovalRequestPending";
    public const string NothingChanged = "NothingChanged";
    public const string ProofRequired = "ProofRequired";
    public const string ReviewPending = "ReviewPending";
    public const string AlreadyOwner = "AlreadyOwner";
    public const string RealNameAlreadyVerified = "RealNameAlreadyVerified";
    public const string RealNameChallengeFailed = "RealNameChallengeFailed";
    public const string RealNameMismatch = "RealNameMismatch";
    public const string RealNameIdInUse = "RealNameIdInUse";
    public const string IdPhotoRequired = "IdPhotoRequired";
    public const string BankCardInvalid = "BankCardInvalid";
    public const string RoleInvalid = "RoleInvalid";
    public const string DepartmentNotFound = "DepartmentNotFound";

    /// <summary>An import row names a department path that does not exist (argument: the path as written).</summary>
    public const string DepartmentPathNotFound = "DepartmentPathNotFound";
    public const string CertificateIsCa = "CertificateIsCa";
    public const string CertificateExpired = "CertificateExpired";
    public const string CertificateUntrusted = "CertificateUntrusted";
    public const string CertificateRevoked = "CertificateRevoked";
    public const string CertificateRevocationUnknown = "CertificateRevocationUnknown";
    public const string CertificateAlreadyBound = "CertificateAlreadyBound";
    public const string CertificateBoundToYou = "CertificateBoundToYou";
    public const string CertificateRenewed = "CertificateRenewed";
    public const string CertificateNotBound = "CertificateNotBound";
    public const string ChallengeInvalid = "ChallengeInvalid";
    public const string ChallengeExpired = "ChallengeExpired";
    public const string ChallengeUsed = "ChallengeUsed";
    public const string ProofInvalid = "ProofInvalid";
    public const string NoSealPermission = "NoSealPermission";
    public const string KeyFileInvalid = "KeyFileInvalid";
    public const string RealNameRequired = "RealNameRequired";
    public const string PersonalCertificateExists = "PersonalCertificateExists";
    public const string NoPersonalCertificate = "NoPersonalCertificate";
    public const string PersonalCertificateExpired = "PersonalCertificateExpired";
    public const string ValidityInvalid = "ValidityInvalid";
    public const string ReissuesExhausted = "ReissuesExhausted";
    public const string PaymentFailed = "PaymentFailed";
    public const string NoClientCertificate = "NoClientCertificate";
    public const string OrganizationCertificateCannotLogin = "OrganizationCertificateCannotLogin";
    public const string LoginTicketInvalid = "LoginTicketInvalid";

    // Signing: PIN, willingness, documents, policy decisions, use approvals.
    public const string SigningPinFormat = "SigningPinFormat";
    public const string SigningPinMismatch = "SigningPinMismatch";
    public const string SigningPinWrong = "SigningPinWrong";
    public const string SigningPinLocked = "SigningPinLocked";
    public const string SigningPinNotSet = "SigningPinNotSet";
    public const string SigningPinAlreadySet = "SigningPinAlreadySet";
    public const string WillingnessRequired = "WillingnessRequired";
    public const string PdfTooLarge = "PdfTooLarge";
    public const string PdfNotPdf = "PdfNotPdf";
    public const string PdfEncrypted = "PdfEncrypted";
    public const string PdfBroken = "PdfBroken";
    public const string PdfTooComplex = "PdfTooComplex";
    public const string PdfNoPages = "PdfNoPages";
    public const string PdfTooManyPages = "PdfTooManyPages";
    public const string PdfCrossPageTooMany = "PdfCrossPageTooMany";
    public const string PlacementRequired = "PlacementRequired";
    public const string PlacementInvalid = "PlacementInvalid";
    public const string PlacementKeywordInvalid = "PlacementKeywordInvalid";
    public const string PlacementKeywordNotFound = "PlacementKeywordNotFound";
    public const string PlacementTooMany = "PlacementTooMany";
    public const string SigningFailed = "SigningFailed";
    public const string SealUseRealNameRequired = "SealUseRealNameRequired";
    public const string SealUseUKeyCustody = "SealUseUKeyCustody";
    public const string SealUseNotActive = "SealUseNotActive";
    public const string SealUseVoided = "SealUseVoided";
    public const string SealUseVoidedAdmin = "SealUseVoidedAdmin";
    public const string SealUseCertificateExpired = "SealUseCertificateExpired";
    public const string SealUseNoGrant = "SealUseNoGrant";
    public const string SealUseWeekday = "SealUseWeekday";
    public const string SealUseOutsideHours = "SealUseOutsideHours";
    public const string SealUseDailyLimit = "SealUseDailyLimit";
    public const string SealUseApprovalRequired = "SealUseApprovalRequired";
    public const string SealUseApprovalPending = "SealUseApprovalPending";
    public const string UseRequestNotApprovable = "UseRequestNotApprovable";
    public const string SealPolicyForbids = "SealPolicyForbids";
    public const string SealTypeNotSupported = "SealTypeNotSupported";
    public const string LegalRepresentativeConsentRequired = "LegalRepresentativeConsentRequired";
    public const string SealFaceInvalid = "SealFaceInvalid";
    public const string SealScanUnreadable = "SealScanUnreadable";
    public const string SealNotActive = "SealNotActive";
    public const string NotLegalRepresentative = "NotLegalRepresentative";
    public const string GrantWindowInvalid = "GrantWindowInvalid";
    public const string GrantLongTermNotAllowed = "GrantLongTermNotAllowed";
    public const string GrantTooLong = "GrantTooLong";
    public const string GranteeRequired = "GranteeRequired";
    public const string LegalRepresentativeSealNotGrantable = "LegalRepresentativeSealNotGrantable";
    public const string GrantNotActive = "GrantNotActive";
    public const string GrantRequestPending = "GrantRequestPending";
    public const string NoDepartmentHead = "NoDepartmentHead";
    public const string NotYourStep = "NotYourStep";
    public const string PolicyRolesRequired = "PolicyRolesRequired";
    public const string PolicyMaxDaysInvalid = "PolicyMaxDaysInvalid";
    public const string PolicyChainInvalid = "PolicyChainInvalid";
    public const string PolicyLimitInvalid = "PolicyLimitInvalid";
    public const string PolicyHoursInvalid = "PolicyHoursInvalid";
    public const string SignatureRealNameRequired = "SignatureRealNameRequired";
    public const string SignatureImageInvalid = "SignatureImageInvalid";
    public const string ImageTooLarge = "ImageTooLarge";
    public const string SignatureImageEmpty = "SignatureImageEmpty";
    public const string SignatureNameInvalid = "SignatureNameInvalid";
    public const string SignatureNotFound = "SignatureNotFound";
    public const string SignatureLimit = "SignatureLimit";
    public const string NameSealExists = "NameSealExists";

    // Signing tasks (签署任务).
    public const string TaskBusinessTypeInvalid = "TaskBusinessTypeInvalid";
    public const string TaskCompleted = "TaskCompleted";
    public const string TaskDeadlineInvalid = "TaskDeadlineInvalid";
    public const string TaskDeadlinePassed = "TaskDeadlinePassed";
    public const string TaskDocumentsRequired = "TaskDocumentsRequired";
    public const string TaskNameRequired = "TaskNameRequired";
    public const string TaskNoSealOfType = "TaskNoSealOfType";
    public const string TaskKeywordNotFound = "TaskKeywordNotFound";
    public const string TaskNobodyToGrant = "TaskNobodyToGrant";
    public const string TaskNotAParticipant = "TaskNotAParticipant";
    public const string TaskNotDraft = "TaskNotDraft";
    public const string TaskNotInitiator = "TaskNotInitiator";
    public const string TaskNotSent = "TaskNotSent";
    public const string TaskNotYourTurn = "TaskNotYourTurn";
    public const string TaskNothingSigned = "TaskNothingSigned";
    public const string TaskParticipantNotMember = "TaskParticipantNotMember";
    public const string TaskParticipantTwice = "TaskParticipantTwice";
    public const string TaskParticipantsRequired = "TaskParticipantsRequired";
    public const string TaskPersonalSignatureRequired = "TaskPersonalSignatureRequired";
    public const string TaskPlacementNotAllowed = "TaskPlacementNotAllowed";
    public const string TaskRefusalNotAllowed = "TaskRefusalNotAllowed";
    public const string TaskReminderIntervalInvalid = "TaskReminderIntervalInvalid";
    public const string TaskReminderNotAllowed = "TaskReminderNotAllowed";
    public const string TaskReminderTooSoon = "TaskReminderTooSoon";
    public const string TaskSealRequired = "TaskSealRequired";
    public const string TaskSealRequiresOrganization = "TaskSealRequiresOrganization";
    public const string TaskSealTypeDesignated = "TaskSealTypeDesignated";
    public const string TaskTooManyDocuments = "TaskTooManyDocuments";
    public const string TaskTooManyParticipants = "TaskTooManyParticipants";
    public const string TaskTurnFinished = "TaskTurnFinished";
    public const string TaskVersionChanged = "TaskVersionChanged";
    public const string TaskVoided = "TaskVoided";
}
