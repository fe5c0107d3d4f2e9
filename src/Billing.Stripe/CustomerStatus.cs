namespace Billing.Stripe;

/// <summary>Whether a catalog customer exists in Stripe. Stripe chooses customer ids, so a missing one cannot be created under that id.</summary>
public enum CustomerStatus
{
    Found,

    /// <summary>No such customer in this Stripe account (or mode): create it in Stripe and update the catalog's id.</summary>
    Missing,

    /// <summary>The customer was deleted in Stripe.</summary>
    Deleted,
}
