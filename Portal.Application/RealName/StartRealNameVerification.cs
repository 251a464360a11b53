using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Mainland 实名认证: name, ID number and the channel's factors (phone; or card and its reserved phone).</summary>
public sealed record StartRealNameRequest(string Name, string IdNumber, RealNameChannel Channel, string? Phone = null, string? BankCard = null);

/// <summary>
/// Starts a mainland real-name verification: checks the input, asks the channel's provider to check the identity
/// and send its challenge, and records the attempt (pending until <see cref="ConfirmRealNameVerification"/>).
/// </summary>
public sealed class StartRealNameVerification(WriteUnit unit, IFaceVerificationProvider face, IPhoneThreeFactorProvider phoneThreeFactor,
    IBankCardFourFactorProvider bankCard)
{
    public Task<Result<Guid>> ExecuteAsync(StartRealNameRequest request, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(),
            async () =>
            {
                IRealNameProvider? provider = request.Channel switch
                {
                    RealNameChannel.Face => face,
                    RealNameChannel.PhoneThreeFactor => phoneThreeFactor,
                    RealNameChannel.BankCardFourFactor => bankCard,
                    _ => null,
                };
                if (provider is null)
                {
                    return Result<Result<string>>.Fail(Errors.Forbidden);
                }
                var idNumber = RealNameRules.Normalize(request.IdNumber);
                if ((RealNameRules.CheckName(request.Name) ?? RealNameRules.CheckMainlandId(idNumber)) is { } bad)
                {
                    return bad;
                }
                if (request.Channel == RealNameChannel.BankCardFourFactor && !RealNameRules.IsValidBankCard(request.BankCard))
                {
                    return Result<Result<string>>.Fail(Errors.BankCardInvalid);
                }
                if (request.Channel != RealNameChannel.Face && !RealNameRules.IsPhone(request.Phone))
                {
                    return Result<Result<string>>.Fail(Errors.PhoneInvalid);
                }
                var account = await unit.ReadAsync(Write.AsUser(), async r =>
                {
                    var user = await r.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == r.UserId, cancellationToken);
                    if (user is null)
                    {
                        return Result<(Guid UserId, string Phone)>.Fail(Errors.NotSignedIn);
                    }
                    if (await RealNameChecks.RefusalAsync(r.Db, user, idNumber, cancellationToken) is { } refused)
                    {
                        return refused;
                    }
                    return (user.Id, user.PhoneNumber ?? user.UserName ?? "");
                }, cancellationToken);
                if (!account.Succeeded)
                {
                    return account.Error!;
                }
                var card = request.BankCard?.Replace(" ", "", StringComparison.Ordinal);
                // The provider checks the identity and sends its challenge before the lock; a refusal is still audited under it.
                return Result<Result<string>>.Ok(await provider.StartAsync(new RealNameSubject(account.Value.UserId,
                    request.Name.Trim(), idNumber, account.Value.Phone, request.Channel == RealNameChannel.Face ? null : PhoneNumber.Normalize(request.Phone),
                    card), cancellationToken));
            },
            (w, started) =>
            {
                var userId = w.UserId!.Value;
                if (!started.Succeeded)
                {
                    return Task.FromResult<Result<Guid>>(w.Refuse(started.Error!, AuditActions.RealnameStart, userId.ToString(), started.Error!.Code));
                }
                var attempt = new RealNameVerification
                {
                    Id = Guid.NewGuid(),
                    OwnerUserId = userId,
                    Name = request.Name.Trim(),
                    IdNumber = RealNameRules.Normalize(request.IdNumber),
                    Channel = request.Channel,
                    Status = RealNameStatus.Pending,
                    ProviderReference = started.Value,
                    CreatedAtUtc = w.Now,
                };
                w.Db.RealNameVerifications.Add(attempt);
                w.Audit(AuditActions.RealnameStart, userId.ToString(), request.Channel.ToString());
                return Task.FromResult(Result<Guid>.Ok(attempt.Id));
            }, cancellationToken);
}
