namespace Kamino.Alerts;

/// <summary>
/// An alert as the CLI (<c>--format json</c>) and the API give it: <c>kind</c>, <c>customerId</c> (the account's
/// key), <c>reason</c>, <c>since</c>, <c>link</c>, plus the account's name, the alert key to acknowledge or snooze
/// it, and the figures of the reason.
/// </summary>
public sealed record AlertDto(AlertKind Kind, string CustomerId, string CustomerName, string Reason, DateOnly Since, string Link, string Key, AlertFigures Figures)
{
    public static AlertDto Of(Alert a) => new(a.Kind, a.CustomerId, a.CustomerName, a.Reason, a.Since, a.Link, a.Key, a.Figures);
}
