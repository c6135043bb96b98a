export async function getContact(id: string) {
  const res = await fetch(`https://api2.frontapp.com/contacts/${id}`, { redirect: 'manual' });
  return res.json();
}
