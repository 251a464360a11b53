using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Mainland 实名认证: name, ID number and the channel's factors (phone; or card and its reserved phone).</summary>
public sealed record StartRealNameRequest(string Name, string IdNumber, RealNameChannel Channel, string? Phone = null, string? BankCard = null);

/// <summary>
/// Starts a mainland real-name verification: checks the input, asks the channel's provider to check the identity
/// and send its challenge, and records the attempt (pending until <see cref="ConfirmRealNameVerification"/>).
/// </summary>
public sealed class StartRealNameVerification(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock,
    IFaceVerificationProvider face, IPhoneThreeFactorProvider phoneThreeFactor, IBankCardFourFactorProvider bankCard)
{
    public async Task<Result<Guid>> ExecuteAsync(StartRealNameRequest request, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Guid>.Fail(Errors.NotSignedIn);
        }
        IRealNameProvider? provider = request.Channel switch
        {
            RealNameChannel.Face => face,
            RealNameChannel.PhoneThreeFactor => phoneThreeFactor,
            RealNameChannel.BankCardFourFactor => bankCard,
            _ => null,
        };
        if (provider is null)
        {
            return Result<Guid>.Fail(Errors.Forbidden);
        }
        var idNumber = RealNameRules.Normalize(request.IdNumber);
        if ((RealNameRules.CheckName(request.Name) ?? RealNameRules.CheckMainlandId(idNumber)) is { } bad)
        {
            return bad;
        }
        if (request.Channel == RealNameChannel.BankCardFourFactor && !RealNameRules.IsValidBankCard(request.BankCard))
        {
            return Result<Guid>.Fail(Errors.BankCardInvalid);
        }
        if (request.Channel != RealNameChannel.Face && !RealNameRules.IsPhone(request.Phone))
        {
            return Result<Guid>.Fail(Errors.PhoneInvalid);
        }
        string accountPhone;
        await using (var probe = dbFactory.CreateForScope(null, userId))
        {
            var user = await probe.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null)
            {
                return Result<Guid>.Fail(Errors.NotSignedIn);
            }
            if (await RealNameChecks.RefusalAsync(probe, user, idNumber, cancellationToken) is { } refused)
            {
                return refused;
            }
            accountPhone = user.PhoneNumber ?? user.UserName ?? "";
        }
        var name = request.Name.Trim();
        var card = request.BankCard?.Replace(" ", "", StringComparison.Ordinal);
        var started = await provider.StartAsync(new RealNameSubject(userId, name, idNumber, accountPhone,
            request.Channel == RealNameChannel.Face ? null : PhoneNumber.Normalize(request.Phone), card), cancellationToken);

        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        if (!started.Succeeded)
        {
            await audit.AppendAsync(db, "realname.start", userId.ToString(), AuditOutcome.Refused, started.Error!.Code,
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return started.Error!;
        }
        var attempt = new RealNameVerification
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            Name = name,
            IdNumber = idNumber,
            Channel = request.Channel,
            Status = RealNameStatus.Pending,
            ProviderReference = started.Value,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.RealNameVerifications.Add(attempt);
        await audit.AppendAsync(db, "realname.start", userId.ToString(), AuditOutcome.Success, request.Channel.ToString(),
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return attempt.Id;
    }
}
