using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Portal.Signing.Pkcs11;

/// <summary>The narrow set of session calls the pool makes; the seam for fault injection in tests.</summary>
internal interface IHsmSession : IDisposable
{
    ISession Inner { get; }

    void Login(string pin);

    CKS GetState();

    List<IObjectHandle> FindAll(List<IObjectAttribute> template);

    List<IObjectAttribute> GetAttributes(IObjectHandle handle, List<CKA> attributes);

    byte[] Sign(IMechanism mechanism, IObjectHandle key, byte[] data);

    void GenerateKeyPair(IMechanism mechanism, List<IObjectAttribute> publicTemplate, List<IObjectAttribute> privateTemplate, out IObjectHandle publicKey, out IObjectHandle privateKey);

    IObjectHandle CreateObject(List<IObjectAttribute> template);

    void DestroyObject(IObjectHandle handle);

    byte[] WrapKey(IMechanism mechanism, IObjectHandle wrappingKey, IObjectHandle key);

    IObjectHandle UnwrapKey(IMechanism mechanism, IObjectHandle unwrappingKey, byte[] wrapped, List<IObjectAttribute> template);
}

/// <summary>Opens sessions on a token; tests decorate it to inject real PKCS#11 return codes.</summary>
internal interface IHsmSessionFactory
{
    IHsmSession Open(ISlot slot, string tokenLabel);
}

internal sealed class Pkcs11SessionFactory : IHsmSessionFactory
{
    public static readonly Pkcs11SessionFactory Instance = new();

    public IHsmSession Open(ISlot slot, string tokenLabel) => new Pkcs11HsmSession(slot.OpenSession(SessionType.ReadWrite));
}

internal sealed class Pkcs11HsmSession(ISession session) : IHsmSession
{
    public ISession Inner => session;

    public void Login(string pin) => session.Login(CKU.CKU_USER, pin);

    public CKS GetState() => session.GetSessionInfo().State;

    public List<IObjectHandle> FindAll(List<IObjectAttribute> template) => session.FindAllObjects(template);

    public List<IObjectAttribute> GetAttributes(IObjectHandle handle, List<CKA> attributes) => session.GetAttributeValue(handle, attributes);

    public byte[] Sign(IMechanism mechanism, IObjectHandle key, byte[] data) => session.Sign(mechanism, key, data);

    public void GenerateKeyPair(IMechanism mechanism, List<IObjectAttribute> publicTemplate, List<IObjectAttribute> privateTemplate, out IObjectHandle publicKey, out IObjectHandle privateKey)
        => session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out publicKey, out privateKey);

    public IObjectHandle CreateObject(List<IObjectAttribute> template) => session.CreateObject(template);

    public void DestroyObject(IObjectHandle handle) => session.DestroyObject(handle);

    public byte[] WrapKey(IMechanism mechanism, IObjectHandle wrappingKey, IObjectHandle key) => session.WrapKey(mechanism, wrappingKey, key);

    public IObjectHandle UnwrapKey(IMechanism mechanism, IObjectHandle unwrappingKey, byte[] wrapped, List<IObjectAttribute> template)
        => session.UnwrapKey(mechanism, unwrappingKey, wrapped, template);

    public void Dispose()
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // Closing a session the token already dropped (device error, closed by logout) is not a failure.
        }
    }
}
