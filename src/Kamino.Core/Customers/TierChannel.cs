namespace Kamino.Customers;

/// <summary>How a tier's check-ins are made (PRODUCT.md §3, Tier policy): by call, by visit, or either.</summary>
public enum TierChannel
{
    Any,
    Call,
    Visit,
}
